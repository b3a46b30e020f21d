// A Links Toolkit page whose scripts are files (a strict policy forbids inline ones): logged in
// anonymously, it writes a live name where this script stands and records the toolkit's events.
window.linksEvents = [];
window.STLinksLoggedIn = (userId, displayName) => window.linksEvents.push(`in ${userId} ${displayName}`);
window.STLinksUserStatusChanged = (userId, _name, status) => window.linksEvents.push(`${userId} ${status}`);
writeSTLinksApplet('', '', false);
writeSametimeLink('viktor', 'Viktor Varga', false, 'icon:yes');
