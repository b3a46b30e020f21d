// Loaded first by the strict-CSP pages: records every Content-Security-Policy violation the page
// causes, so a test can say there were none.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
