// The host page's own script: one disclosure button, the interaction INP is measured on.
const toggle = document.getElementById('faq-toggle') as HTMLButtonElement;
const faq = document.getElementById('faq') as HTMLElement;
toggle.addEventListener('click', () => {
  const open = toggle.getAttribute('aria-expanded') !== 'true';
  toggle.setAttribute('aria-expanded', String(open));
  toggle.textContent = open ? 'Hide the answers' : 'Show the answers';
  faq.hidden = !open;
});
