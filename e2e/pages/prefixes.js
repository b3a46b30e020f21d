// A widget on the page brings its own copy of the elements (another URL is another module: another
// version, or another proxy's bundle) and registers it under its own prefix. Its session logs in
// with the token the widget's server gave it (here in the URL fragment).
const first = document.querySelector('script[src$="/st/components.js"]').src;
const [page, second] = await Promise.all([import(first), import(`${first}?copy=acme`)]);
second.registerComponents({ prefix: 'acme' });
window.copies = {
  separateClasses: page.StLiveName !== second.StLiveName,
  acmeIsSecondCopy: customElements.get('acme-live-name').prototype instanceof second.StLiveName,
  stIsFirstCopy: customElements.get('st-live-name') === page.StLiveName,
};
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
document.querySelector('acme-session').setAttribute('token', token);
window.copiesReady = true;
