// The settings form (promo code create/edit, bulk update, group defaults, batch generation): progressive
// enhancement of the server-rendered form in Features/Shared/_CodeSettings.cshtml. Without JavaScript every
// control still works: add/remove buttons and the group-defaults toggle post the form and the server re-renders it.
(() => {
    'use strict';

    const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const idFor = (name) => name.replace(/[.[\]]/g, '_');

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

    // Booking rules judge a cart's event lines only (docs/rules.md#settings): they show while the code can apply to an
    // event, that is while Applicable to and Applicable groups hold an event or a group with events (data-events), or
    // nothing (every item qualifies). Hidden inputs keep what was typed and still post; the server judges them as ever.
    function appliesToEvents(form) {
        const live = (key) => { const b = form.querySelector(`[data-field="${key}"]`); return b && !b.hidden ? b : null; };
        const items = live('applicableTo');
        if (!items) return true; // a bulk update that leaves the items alone: each code's own items decide
        const picked = [items, live('applicableGroups')].flatMap((b) => (b ? [...b.querySelectorAll('input[type=checkbox]:checked')] : []));
        return picked.length === 0 || picked.some((c) => c.dataset.events === 'true');
    }

    function hasBookingRules(sub) {
        return [...sub.querySelectorAll('input')].some((i) => (i.type === 'checkbox' || i.type === 'radio'
            ? i.checked && i.value !== 'Any' && i.value !== 'false' : i.type !== 'hidden' && i.value !== ''));
    }

    function sync(form) {
        // A form that arrives with booking rules on a code without events (a refused save) shows them, so that they can
        // be removed, until Applicable to or Applicable groups change.
        form.querySelectorAll('[data-subsection="booking"]').forEach((sub) => {
            if (!('keepBooking' in form.dataset)) form.dataset.keepBooking = String(hasBookingRules(sub));
            sub.classList.toggle('is-cond-hidden', form.dataset.keepBooking !== 'true' && !appliesToEvents(form));
        });
        // Razor renders a data- attribute even when its value is null, so an empty condition means "always".
        form.querySelectorAll('[data-show-if]:not([data-show-if=""])').forEach((el) => el.classList.toggle('is-cond-hidden', !matches(form, el.dataset.showIf)));
        form.querySelectorAll('[data-hide-if]:not([data-hide-if=""])').forEach((el) => el.classList.toggle('is-cond-hidden', matches(form, el.dataset.hideIf)));
        form.querySelectorAll('[data-required-if]:not([data-required-if=""])').forEach((el) => { el.required = matches(form, el.dataset.requiredIf); });
        form.querySelectorAll('[data-choice="redemptionType"]').forEach((select) => {
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
            if (el.type === 'checkbox' && el.closest('[data-field="applicableTo"], [data-field="applicableGroups"]')) form.dataset.keepBooking = 'false';
            sync(form);
        });

        form.addEventListener('click', (e) => {
            const t = e.target instanceof Element ? e.target : null;
            if (!t) return;
            const quick = t.closest('[data-quick-add]');
            if (quick) {
                // Ticks the built-in group in Applicable groups (the live group, not today's items), as the server's
                // quick-add does; gift cards also need "Applies to gift cards". A picker shows the fields it set.
                e.preventDefault();
                const key = quick.dataset.quickAdd;
                const set = ['applicableGroups'];
                const groups = form.querySelector('[data-field="applicableGroups"]');
                const box = groups?.querySelector(`input[type=checkbox][value="${CSS.escape(key)}"]`);
                if (!box) { form.requestSubmit(quick); return; }
                box.checked = true;
                groups.querySelector('[data-check-list]')?.dispatchEvent(new Event('checklist:changed'));
                if (key === 'all-gift-cards') {
                    const gift = form.querySelector('[data-field="includeGiftCards"] input[type=checkbox]');
                    if (gift) gift.checked = true;
                    set.push('includeGiftCards');
                }
                set.forEach((field) => { const pick = form.querySelector(`[data-pick-field][value="${field}"]`); if (pick) pick.checked = true; });
                applyPicks(form);
                sync(form);
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

    document.querySelectorAll('form[data-promo-form]').forEach(setupForm);
})();
