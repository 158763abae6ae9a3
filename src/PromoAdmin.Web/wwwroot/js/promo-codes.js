// Promo codes pages: progressive enhancement only. Every control here also works as a plain form post
// (popovers and row menus are <details>, re-render buttons post the form, links open full pages).
(() => {
    'use strict';

    const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const idFor = (name) => name.replace(/[.[\]]/g, '_');

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
            if (!box || !list.hasAttribute('data-searchable')) return;
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

    // ---- The settings forms: promo code create/edit, bulk update, group default settings. ----
    function valueOf(form, name) {
        // A checkbox's hidden "false" twin (ASP.NET Core renders one per bool) is not the value.
        const els = [...form.querySelectorAll(`[name="${CSS.escape(name)}"]`)].filter((el) => el.type !== 'hidden');
        if (els.length === 0) return '';
        if (els[0].type === 'radio') return els.find((el) => el.checked)?.value ?? '';
        if (els[0].type === 'checkbox') return els[0].checked ? 'true' : 'false';
        return els[0].value;
    }

    function matches(form, rule) {
        const i = rule.lastIndexOf('=');
        return valueOf(form, rule.slice(0, i)).toLowerCase() === rule.slice(i + 1).toLowerCase();
    }

    function sync(form) {
        form.querySelectorAll('[data-show-if]').forEach((el) => el.classList.toggle('is-cond-hidden', !matches(form, el.dataset.showIf)));
        form.querySelectorAll('[data-hide-if]').forEach((el) => el.classList.toggle('is-cond-hidden', matches(form, el.dataset.hideIf)));
        form.querySelectorAll('[data-required-if]').forEach((el) => { el.required = matches(form, el.dataset.requiredIf); });
        form.querySelectorAll('[data-redemption-type]').forEach((select) => {
            const scope = select.closest('[data-section]') || form;
            const percentage = select.value === 'Percentage';
            scope.querySelectorAll('[data-unit="percentage"]').forEach((u) => { u.hidden = !percentage; });
            scope.querySelectorAll('[data-unit="value"]').forEach((u) => { u.hidden = percentage; });
        });
        form.querySelectorAll('[data-rule]').forEach((rule) => {
            const type = rule.querySelector('[data-rule-type]').value;
            rule.querySelectorAll('[data-rule-kind]').forEach((b) => { b.hidden = b.dataset.ruleKind !== type; });
        });
        const buyXGetY = [...form.querySelectorAll('[data-rules] [data-rule-type]')].some((s) => s.value === 'BuyXGetY');
        form.querySelectorAll('[data-bxgy-alert]').forEach((a) => { a.hidden = !buyXGetY; });
    }

    function renumberRules(list) {
        const prefix = list.dataset.rulesPrefix;
        const re = new RegExp(`^${escapeRe(prefix)}\\[[^\\]]*\\]`);
        [...list.querySelectorAll(':scope > [data-rule]')].forEach((rule, i) => {
            const ids = new Map();
            rule.querySelectorAll('[name]').forEach((el) => {
                if (el.hasAttribute('data-remove-rule')) { el.value = `remove-rule:${i}`; return; }
                if (!re.test(el.name)) return;
                el.name = el.name.replace(re, `${prefix}[${i}]`);
                ids.set(el.id, idFor(el.name));
                el.id = idFor(el.name);
            });
            rule.querySelectorAll('label[for]').forEach((l) => { if (ids.has(l.htmlFor)) l.htmlFor = ids.get(l.htmlFor); });
        });
    }

    function renumberExclusions(list) {
        [...list.querySelectorAll('[data-exclusion-row]')].forEach((row, i) => {
            const input = row.querySelector('input');
            const label = row.querySelector('label');
            input.id = input.id.replace(/_\d+$/, `_${i}`);
            if (label) label.htmlFor = input.id;
            row.querySelector('[data-remove-exclusion]').value = `remove-exclusion:${i}`;
        });
    }

    /** Bulk update and group defaults: only picked fields show (and only they are saved). */
    function applyPicks(form) {
        if (!form.querySelector('[data-field-picker]')) return;
        const picked = new Set([...form.querySelectorAll('[data-pick-field]:checked')].map((c) => c.value));
        form.querySelectorAll('[data-field]').forEach((b) => { b.hidden = !picked.has(b.dataset.field); });
        form.querySelectorAll('[data-subsection]').forEach((sub) => {
            sub.hidden = ![...sub.querySelectorAll('[data-field]')].some((b) => picked.has(b.dataset.field));
        });
        form.querySelectorAll('[data-section]').forEach((sec) => {
            sec.hidden = ![...sec.querySelectorAll('[data-field]')].some((b) => picked.has(b.dataset.field));
        });
        form.querySelectorAll('[data-no-fields]').forEach((p) => { p.hidden = picked.size > 0; });
        form.querySelectorAll('[data-clear-fields]').forEach((b) => { b.hidden = picked.size === 0; });
    }

    function setupForm(form) {
        form.querySelectorAll('[data-js-hide], [data-apply-defaults-button]').forEach((b) => { b.hidden = true; });
        const applyDefaultsButton = form.querySelector('[data-apply-defaults-button]');
        const defaultsToggle = form.querySelector('[data-apply-defaults]');
        const groupSelect = form.querySelector('[data-group-select]');
        const defaultsBox = form.querySelector('[data-defaults-toggle]');

        form.addEventListener('change', (e) => {
            const el = e.target;
            if (el === groupSelect && defaultsBox) {
                const hasDefaults = groupSelect.selectedOptions[0]?.dataset.hasDefaults === 'true';
                defaultsBox.hidden = !hasDefaults;
                if (!hasDefaults && defaultsToggle) defaultsToggle.checked = false;
                if (hasDefaults && defaultsToggle?.checked && applyDefaultsButton) form.requestSubmit(applyDefaultsButton);
            }
            // Switching the toggle on copies the group's defaults onto the form (a server re-render keeps one source of truth).
            if (el === defaultsToggle && el.checked && applyDefaultsButton) form.requestSubmit(applyDefaultsButton);
            if (el.matches('[data-pick-field]')) applyPicks(form);
            sync(form);
        });

        form.addEventListener('click', (e) => {
            const t = e.target instanceof Element ? e.target : null;
            if (!t) return;
            const quick = t.closest('[data-quick-add]');
            if (quick) {
                e.preventDefault();
                const block = quick.closest('[data-field="applicableTo"]');
                block.querySelectorAll(`input[type=checkbox][data-kind="${quick.dataset.quickAdd}"]`).forEach((cb) => { cb.checked = true; });
                block.querySelector('[data-check-list]')?.dispatchEvent(new Event('checklist:changed'));
                return;
            }
            const addRule = t.closest('[data-add-rule]');
            if (addRule) {
                e.preventDefault();
                const block = addRule.closest('[data-field="eligibilityRules"]');
                const list = block.querySelector('[data-rules]');
                list.append(block.querySelector('template[data-rule-template]').content.cloneNode(true));
                renumberRules(list);
                sync(form);
                list.lastElementChild.querySelector('select')?.focus();
                return;
            }
            const removeRule = t.closest('[data-remove-rule]');
            if (removeRule) {
                e.preventDefault();
                const list = removeRule.closest('[data-rules]');
                removeRule.closest('[data-rule]').remove();
                renumberRules(list);
                sync(form);
                return;
            }
            const addDate = t.closest('[data-add-exclusion]');
            if (addDate) {
                e.preventDefault();
                const list = addDate.closest('[data-field="exclusionDates"]').querySelector('[data-exclusions]');
                const rows = list.querySelectorAll('[data-exclusion-row]');
                const blank = [...rows].find((r) => r.querySelector('input').value === '');
                if (blank) { blank.querySelector('input').focus(); return; }
                const row = rows[rows.length - 1].cloneNode(true);
                row.querySelector('input').value = '';
                list.append(row);
                renumberExclusions(list);
                row.querySelector('input').focus();
                return;
            }
            const removeDate = t.closest('[data-remove-exclusion]');
            if (removeDate) {
                e.preventDefault();
                const list = removeDate.closest('[data-exclusions]');
                const row = removeDate.closest('[data-exclusion-row]');
                if (list.querySelectorAll('[data-exclusion-row]').length > 1) row.remove();
                else row.querySelector('input').value = '';
                renumberExclusions(list);
                return;
            }
            const addAll = t.closest('[data-add-all-fields]');
            if (addAll) {
                e.preventDefault();
                form.querySelectorAll('[data-pick-field]').forEach((cb) => { cb.checked = true; });
                applyPicks(form);
                sync(form);
                return;
            }
            if (t.closest('[data-clear-fields]')) {
                form.querySelectorAll('[data-pick-field]').forEach((cb) => { cb.checked = false; });
                applyPicks(form);
            }
        });

        form.addEventListener('submit', (e) => {
            const message = e.submitter?.dataset.confirmSubmit;
            if (message && !window.confirm(message)) e.preventDefault();
        });

        applyPicks(form);
        sync(form);
        const summary = form.querySelector('[data-error-summary]');
        if (summary) summary.focus();
    }

    enhanceCheckLists(document);
    tooltips(document);
    document.querySelectorAll('form[data-promo-form]').forEach(setupForm);
})();
