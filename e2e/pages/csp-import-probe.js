// Imports the elements module on a page that uses none of them, and records what the import did to
// the document: it should define the elements and nothing else.
const proxy = document.querySelector('meta[name="proxy"]').content;
const mutations = [];
const observer = new MutationObserver((records) => {
  for (const record of records) mutations.push(`${record.type} ${record.target.nodeName}`);
});
observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
const before = {
  html: document.documentElement.outerHTML,
  sheets: document.adoptedStyleSheets.length,
  styleSheets: document.styleSheets.length,
};
const module = await import(`${proxy}/st/components.js?copy=probe`);
// Let anything the import scheduled run before looking.
await new Promise((resolve) => setTimeout(resolve, 0));
observer.disconnect();
window.importProbe = {
  mutations,
  htmlUnchanged: document.documentElement.outerHTML === before.html,
  adoptedSheetsAdded: document.adoptedStyleSheets.length - before.sheets,
  styleSheetsAdded: document.styleSheets.length - before.styleSheets,
  defined: customElements.get('st-live-name') !== undefined,
  exportsRegister: typeof module.registerComponents === 'function',
};
