// Progressive enhancement only: every action also works as a plain form post.
// A result shown after a post takes the focus, so that keyboard and screen reader users land on it (this script runs at
// the end of the body, after the page's elements).
document.querySelector('[data-focus-on-load]')?.focus();
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

    // ---- Check lists count what is ticked. ----
    function enhanceCheckLists(root) {
        root.querySelectorAll('[data-check-list]').forEach((list) => {
            if (list.dataset.enhanced) return;
            list.dataset.enhanced = 'true';
            const counter = document.createElement('span');
            counter.className = 'check-count';
            list.querySelector('legend')?.append(counter);
            const count = () => {
                const n = list.querySelectorAll('input[type=checkbox]:checked').length;
                counter.textContent = n ? `${n} selected` : '';
            };
            list.addEventListener('change', count);
            list.addEventListener('checklist:changed', count);
            count();
        });
        root.querySelectorAll('[data-searchable="true"]').forEach(enhanceSearch); // Razor writes data-* attributes even when null
    }

    // ---- Searchable pickers (Applicable to and Excluded items, locations, campaigns, segments): a check list or a select
    // with data-searchable. Typing filters the options; a long list (data-search-url) also asks the server for matches and
    // adds them. Arrow keys move from the search box through the matches, space or Enter picks. Without JavaScript the list
    // works as rendered, and a long list's search button posts the form for the matches. ----
    function enhanceSearch(picker) {
        const box = picker.querySelector('.check-list-box');
        const select = box ? null : picker.querySelector('select');
        if ((!box && !select) || picker.dataset.searchReady) return;
        picker.dataset.searchReady = 'true';
        const named = picker.querySelector('legend')?.firstChild?.textContent ?? (select && document.querySelector(`label[for="${select.id}"]`)?.textContent);
        const search = picker.querySelector('[data-search-input]') ?? newSearchBox(box ?? select, `Search ${(named ?? 'options').trim()}`);
        picker.querySelectorAll('[data-search-button]').forEach((b) => { b.hidden = true; });
        const none = picker.querySelector('[data-search-none]');
        const options = select ? [...select.options] : null; // a select's options, filtered ones included, in order
        const query = () => search.value.trim().toLowerCase();
        const matches = (text) => text.toLowerCase().includes(query());
        const shown = () => (box ? [...box.querySelectorAll('[data-check-option]:not([hidden]) input')] : []);

        const filter = () => {
            let count;
            if (box) {
                box.querySelectorAll('[data-check-option]').forEach((o) => { o.hidden = !matches(o.dataset.search); });
                box.querySelectorAll('[data-check-group]').forEach((g) => { g.hidden = !g.querySelector('[data-check-option]:not([hidden])'); });
                count = shown().length;
            } else {
                // Filtered options leave the select (a hidden option is still picked by the arrow keys in some browsers); the picked one stays.
                const keep = options.filter((o) => o.value === '' || o.selected || matches(o.text));
                select.replaceChildren(...keep);
                count = keep.filter((o) => o.value !== '' && matches(o.text)).length;
            }
            if (none) none.hidden = count > 0 || query() === '';
        };

        const add = (o) => {
            if (select) {
                if (!options.some((x) => x.value === o.value)) options.push(new Option(o.label, o.value));
                return;
            }
            if (box.querySelector(`input[value="${CSS.escape(o.value)}"]`)) return;
            let group = [...box.querySelectorAll('[data-check-group]')].find((g) => g.dataset.checkGroup === (o.group ?? ''));
            if (!group) {
                group = element('div', 'check-list-group');
                group.dataset.checkGroup = o.group ?? '';
                if (o.group) group.append(element('div', 'check-list-heading', o.group));
                box.append(group);
            }
            const row = element('div', 'form-check');
            row.dataset.checkOption = '';
            row.dataset.search = `${o.label} ${o.hint ?? ''}`.toLowerCase();
            const input = element('input', 'form-check-input');
            input.type = 'checkbox';
            input.name = picker.dataset.name;
            input.value = o.value;
            input.id = `${picker.dataset.idBase}_${o.value.replace(/[.[\]]/g, '_')}`;
            if (o.events) input.dataset.events = 'true';
            const label = element('label', 'form-check-label', `${o.label} `);
            label.htmlFor = input.id;
            if (o.hint) label.append(element('span', 'check-hint', o.hint));
            row.append(input, label);
            group.append(row);
        };

        // A long list: the server answers the first matches of what was typed; they join the list, which is filtered again
        // by what the box holds by then (an answer that comes late adds options, and the filter hides them).
        let timer = 0;
        const ask = async () => {
            const q = query();
            if (!picker.dataset.searchUrl || q === '') return;
            try {
                const response = await fetch(`${picker.dataset.searchUrl}?q=${encodeURIComponent(q)}`,
                    { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
                if (!response.ok) return;
                (await response.json()).forEach(add);
                filter();
            } catch {
                // The rendered options still work.
            }
        };

        search.addEventListener('input', () => {
            filter();
            clearTimeout(timer);
            timer = setTimeout(ask, 150);
        });
        search.addEventListener('keydown', (e) => {
            if (e.key === 'Enter') e.preventDefault(); // never submits the form
            if (box && (e.key === 'ArrowDown' || e.key === 'Enter')) {
                e.preventDefault();
                shown()[0]?.focus();
            } else if (select && e.key === 'ArrowDown') {
                e.preventDefault();
                select.focus();
            } else if (select && e.key === 'Enter') {
                const first = [...select.options].find((o) => o.value !== '' && matches(o.text));
                if (first) {
                    select.value = first.value;
                    select.dispatchEvent(new Event('change', { bubbles: true }));
                }
            }
        });
        // In a check list: the arrow keys move between the matches (up from the first goes back to the search box), Enter ticks.
        box?.addEventListener('keydown', (e) => {
            const input = e.target;
            if (!(input instanceof HTMLInputElement) || input.type !== 'checkbox') return;
            if (e.key === 'Enter') {
                e.preventDefault();
                input.click();
                return;
            }
            const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
            if (!step) return;
            e.preventDefault();
            const list = shown();
            (list[list.indexOf(input) + step] ?? (step < 0 ? search : null))?.focus();
        });
        if (query() !== '') filter();
    }

    function newSearchBox(before, labelText) {
        const search = element('input', 'form-control form-control-sm check-list-search');
        search.type = 'search';
        search.placeholder = 'Search…';
        search.autocomplete = 'off';
        search.id = `search-${Math.random().toString(36).slice(2, 10)}`;
        const label = element('label', 'visually-hidden', labelText);
        label.htmlFor = search.id;
        before.before(label, search);
        return search;
    }

    function element(tag, className, text) {
        const el = document.createElement(tag);
        el.className = className;
        if (text) el.textContent = text;
        return el;
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

// Copy buttons (the API key shown once): the target is a readonly input, so it can also be selected by hand.
(() => {
    'use strict';
    if (!navigator.clipboard) return;
    document.querySelectorAll('button[data-copy]').forEach((b) => { b.hidden = false; });
    document.addEventListener('click', async (e) => {
        const button = e.target instanceof Element ? e.target.closest('button[data-copy]') : null;
        if (!button) return;
        const input = document.querySelector(button.dataset.copy);
        const status = document.querySelector(button.dataset.copyStatus);
        if (!input) return;
        try {
            await navigator.clipboard.writeText(input.value);
            if (status) status.textContent = 'Copied';
        } catch {
            input.select(); // the clipboard was refused: leave the key selected for Ctrl+C
            if (status) status.textContent = 'Copy failed: the key is selected, press Ctrl+C';
        }
    });
})();

// A label that names a location's time zone (Diagnose's purchase time) follows the location picked.
document.addEventListener('change', (e) => {
    const select = e.target;
    if (!(select instanceof HTMLSelectElement) || !select.id) return;
    const zone = select.selectedOptions[0]?.dataset.timeZone;
    if (zone) document.querySelectorAll(`[data-time-zone-of="${select.id}"]`).forEach((el) => { el.textContent = zone; });
});
