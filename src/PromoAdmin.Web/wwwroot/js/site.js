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

// Popovers and row menus are <details>, modal links are full pages without JavaScript, check lists are plain checkboxes.
(() => {
    'use strict';

    // ---- Popovers and row menus: one open at a time, closed by an outside click or Escape. ----
    const openPopovers = () => [...document.querySelectorAll('details[data-popover][open]')];
    document.addEventListener('click', (e) => {
        openPopovers().forEach((d) => { if (!d.contains(e.target)) d.open = false; });
    });
    document.addEventListener('toggle', (e) => {
        const d = e.target;
        if (d instanceof HTMLDetailsElement && d.open && d.hasAttribute('data-popover'))
            openPopovers().forEach((other) => { if (other !== d) other.open = false; });
    }, true);
    document.addEventListener('keydown', (e) => {
        if (e.key !== 'Escape') return;
        openPopovers().forEach((d) => { d.open = false; d.querySelector('summary')?.focus(); });
    });

    // ---- Tooltips (the Applicable to badges list their items). ----
    const tooltips = (root) => {
        if (!window.bootstrap) return;
        root.querySelectorAll('[data-bs-toggle="tooltip"]').forEach((el) => bootstrap.Tooltip.getOrCreateInstance(el));
    };

    // ---- Row actions that open in a modal (transactions, copy); the link is a full page without JavaScript. ----
    const modalEl = document.getElementById('promo-modal');
    document.addEventListener('click', async (e) => {
        const link = e.target instanceof Element ? e.target.closest('a[data-modal]') : null;
        if (!link || !modalEl || !window.bootstrap || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        link.closest('details')?.removeAttribute('open');
        const body = modalEl.querySelector('.modal-body');
        modalEl.querySelector('.modal-title').textContent = link.dataset.modalTitle || link.textContent.trim();
        body.innerHTML = '<div class="text-center text-secondary py-4"><span class="spinner-border spinner-border-sm me-2" aria-hidden="true"></span>Loading…</div>';
        bootstrap.Modal.getOrCreateInstance(modalEl).show();
        try {
            const response = await fetch(link.href, { headers: { 'X-Requested-With': 'XMLHttpRequest' }, credentials: 'same-origin' });
            if (!response.ok) throw new Error(String(response.status));
            body.innerHTML = await response.text();
            enhanceCheckLists(body);
            tooltips(body);
        } catch {
            window.location.href = link.href;
        }
    });

    // ---- Searchable checklists (Applicable to, Duplicate to, individual promo codes). ----
    function enhanceCheckLists(root) {
        root.querySelectorAll('[data-check-list]').forEach((list) => {
            if (list.dataset.enhanced) return;
            list.dataset.enhanced = 'true';
            const legend = list.querySelector('legend');
            const counter = document.createElement('span');
            counter.className = 'check-count';
            legend?.append(counter);
            const count = () => {
                const n = list.querySelectorAll('input[type=checkbox]:checked').length;
                counter.textContent = n ? `${n} selected` : '';
            };
            list.addEventListener('change', count);
            list.addEventListener('checklist:changed', count);
            count();
            const box = list.querySelector('.check-list-box');
            if (!box || list.dataset.searchable !== 'true') return; // Razor writes data-* attributes even when null
            const search = document.createElement('input');
            search.type = 'search';
            search.className = 'form-control form-control-sm check-list-search';
            search.placeholder = 'Search…';
            search.id = `search-${Math.random().toString(36).slice(2, 10)}`;
            const label = document.createElement('label');
            label.className = 'visually-hidden';
            label.htmlFor = search.id;
            label.textContent = `Search ${legend ? legend.firstChild.textContent.trim() : 'options'}`;
            box.before(label, search);
            search.addEventListener('keydown', (e) => { if (e.key === 'Enter') e.preventDefault(); });
            search.addEventListener('input', () => {
                const q = search.value.trim().toLowerCase();
                list.querySelectorAll('[data-check-option]').forEach((o) => { o.hidden = q !== '' && !o.dataset.search.includes(q); });
                list.querySelectorAll('[data-check-group]').forEach((g) => {
                    g.hidden = ![...g.querySelectorAll('[data-check-option]')].some((o) => !o.hidden);
                });
            });
        });
    }

    // ---- Bulk update: "Apply default settings from group" turns the field picker off, as the server renders it. ----
    document.querySelectorAll('form[data-bulk-form]').forEach((form) => {
        const toggle = form.querySelector('[data-apply-group-defaults]');
        if (!toggle) return;
        const sync = () => {
            // The toggle counts only where it shows: codes picked by group, not all of them.
            const byGroup = form.querySelector('input[name="Selection"]:checked')?.value === 'Groups'
                && !form.querySelector('input[type=checkbox][name="All"]')?.checked;
            const on = toggle.checked && byGroup;
            form.querySelectorAll('[data-field-picker]').forEach((picker) => { picker.disabled = on; });
            form.querySelectorAll('[data-group-defaults-off]').forEach((el) => { el.hidden = on; });
        };
        form.addEventListener('change', sync);
        sync();
    });

    enhanceCheckLists(document);
    tooltips(document);
})();
