// isms web UI: small progressive enhancements. Every page works without
// this file; it only adds confirmations, auto-submitting filters and focus.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
	// Forms that destroy or archive something ask first: <form data-confirm="...">.
	for (const form of document.querySelectorAll('form[data-confirm]')) {
		form.addEventListener('submit', (ev) => {
			if (!window.confirm(form.dataset.confirm)) ev.preventDefault();
		});
	}

	// Filter bars apply a select or checkbox as soon as it changes.
	for (const form of document.querySelectorAll('form[data-autosubmit]')) {
		for (const input of form.querySelectorAll('select, input[type=checkbox]')) {
			input.addEventListener('change', () => form.requestSubmit());
		}
	}

	// After a refused form, put the cursor in the first field to fix.
	const invalid = document.querySelector('[aria-invalid="true"]');
	if (invalid) invalid.focus();

	// Avoid double submissions: disable the submit button once a form is sent.
	for (const form of document.querySelectorAll('form[method=post]')) {
		form.addEventListener('submit', (ev) => {
			if (ev.defaultPrevented) return;
			const button = form.querySelector('button[type=submit]');
			if (button) setTimeout(() => { button.disabled = true; }, 0);
		});
	}
});
