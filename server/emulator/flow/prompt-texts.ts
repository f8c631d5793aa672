/**
 * What each shipped prompt says: spoken by scripts/make-flow-audio.ts into the prompt files, and
 * sent as the system's message when the same flow runs a chat (Connect's prompts have a text form
 * for chat). A prompt of a custom library without an entry here is sent by its name.
 */
export const PROMPT_TEXTS: Readonly<Record<string, string>> = {
  greeting: 'Thank you for calling the demo contact centre.',
  menu: 'For sales, press 1. For support, press 2.',
  'menu-retry': 'Sorry, I did not get that. For sales, press 1. For support, press 2.',
  'no-choice': 'We could not get your choice. We will connect you to the next available agent.',
  transfer: 'Thank you. Please hold for the next available agent.',
  'call-important': 'Your call is important to us. An agent will be with you shortly.',
  goodbye: 'Goodbye.',
};
