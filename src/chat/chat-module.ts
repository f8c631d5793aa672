/**
 * The chat half of the widget, its own chunk, loaded when the customer starts (or resumes) a chat:
 * amazon-connect-chatjs and our adapter. The video call's media chunk is not needed for it.
 */
export { connectChat } from './chat-connection';
