// Long form posts (indicator import and computation) say that they are working: when a form marked data-busy is
// submitted, its button is disabled (no second import of the same file) and the page's status region shows an
// indeterminate progress bar with the form's text, announced by screen readers. A file of its own because the
// Content-Security-Policy forbids inline scripts; without JavaScript the forms work as before, just without the bar.
(() => {
  const status = document.getElementById('busy-status');
  if (!status) {
    return;
  }

  document.querySelectorAll('form[data-busy]').forEach((form) => {
    form.addEventListener('submit', (event) => {
      if (form.dataset.submitted === 'true') {
        event.preventDefault();
        return;
      }

      form.dataset.submitted = 'true';
      status.querySelector('.busy-text').textContent = form.dataset.busy;
      status.hidden = false;
      document.querySelectorAll('form[data-busy] button[type=submit]').forEach((button) => {
        button.disabled = true;
        button.setAttribute('aria-disabled', 'true');
      });
    });
  });

  // Back to a page kept in the browser's cache: the operation is over, so the forms work again.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) {
      return;
    }

    status.hidden = true;
    document.querySelectorAll('form[data-busy]').forEach((form) => { delete form.dataset.submitted; });
    document.querySelectorAll('form[data-busy] button[type=submit]').forEach((button) => {
      button.disabled = false;
      button.removeAttribute('aria-disabled');
    });
  });
})();
