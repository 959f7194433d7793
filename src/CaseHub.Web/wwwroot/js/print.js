// The print view's "Udskriv" button; a file of its own because the Content-Security-Policy forbids inline scripts.
document.getElementById('print-button')?.addEventListener('click', () => window.print());
