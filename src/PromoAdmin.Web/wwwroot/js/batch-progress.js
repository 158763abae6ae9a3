// Polls the batches still generating and moves their bars; reloads once one finishes, so counts and codes show.
(function () {
    const url = document.currentScript.dataset.progressUrl;
    const els = Array.from(document.querySelectorAll('[data-batch-progress][data-status="generating"]'));
    if (els.length === 0) return;
    const query = els.map((el) => 'ids=' + encodeURIComponent(el.dataset.batchProgress)).join('&');
    const number = new Intl.NumberFormat('en-US');
    async function poll() {
        try {
            const response = await fetch(url + '?' + query, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
            if (response.ok) {
                const batches = await response.json();
                let finished = batches.length < els.length;
                for (const b of batches) {
                    const el = document.querySelector('[data-batch-progress="' + b.id + '"]');
                    if (!el) continue;
                    const bar = el.querySelector('[data-progress-bar]');
                    if (bar) { bar.style.width = b.progress + '%'; bar.parentElement.setAttribute('aria-valuenow', b.progress); }
                    const text = el.querySelector('[data-progress-text]');
                    if (text) text.textContent = number.format(b.generatedCount) + ' of ' + number.format(b.requestedCount) + ' codes (' + b.progress + '%)';
                    if (b.status !== 'generating') finished = true;
                }
                if (finished) { window.location.reload(); return; }
            }
        } catch (e) { /* the next poll tries again */ }
        window.setTimeout(poll, 1000);
    }
    window.setTimeout(poll, 1000);
})();
