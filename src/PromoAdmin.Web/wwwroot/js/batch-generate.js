// The Generate Batch form's enhancements; without JavaScript the form works as it is.
(function () {
    // Shows the field of the picked generation method; without JavaScript both stay visible and the method decides.
    const form = document.getElementById('generate-batch');
    const sync = () => {
        const method = form.querySelector('input[name="Method"]:checked')?.value;
        form.querySelectorAll('[data-method]').forEach((el) => { el.hidden = el.dataset.method !== method; });
    };
    form.addEventListener('change', (e) => { if (e.target.name === 'Method') sync(); });
    sync();
})();
