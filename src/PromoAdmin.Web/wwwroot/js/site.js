// Progressive enhancement only: every action also works as a plain form post.
document.addEventListener('change', (e) => {
    const el = e.target;
    if (el instanceof HTMLSelectElement && el.hasAttribute('data-autosubmit')) el.form?.submit();
});
// Destructive actions ask first (the server-side flows also have confirmation pages where it matters).
document.addEventListener('submit', (e) => {
    const form = e.target;
    const message = form instanceof HTMLFormElement ? form.getAttribute('data-confirm') : null;
    if (message && !window.confirm(message)) e.preventDefault();
});
