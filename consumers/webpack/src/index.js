import { defineConnectVideoElement, EVENT_PREFIX } from 'connect-video-widget';

// The custom element, declared in the page's HTML; the customer's name comes from the app.
const element = document.querySelector('connect-video-call');
element.setAttribute(
  'display-name',
  new URLSearchParams(location.search).get('name') ?? 'Customer',
);
element.addEventListener(`${EVENT_PREFIX}state`, (event) => {
  document.querySelector('[data-testid="call-state"]').textContent = event.detail.state;
});
defineConnectVideoElement();
