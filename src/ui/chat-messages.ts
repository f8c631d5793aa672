/**
 * The chat's strings in US English, in the chat chunk (the panel stays within its size budget);
 * the other languages have them in their own files, and hosts can override them like any other.
 */
export const enUSChat = {
  chatConnecting: 'Connecting to the chat…',
  chatTranscript: 'Conversation',
  chatYou: 'You',
  chatSystemName: 'Automated message',
  chatAgentFallback: 'Agent',
  chatAgentJoined: '{name} joined the chat.',
  chatAgentLeft: '{name} left the chat.',
  chatAgentTyping: 'The agent is typing…',
  chatMessageLabel: 'Message',
  chatMessageHint: 'Press Enter to send, Shift+Enter for a new line.',
  chatSend: 'Send',
  'chatReceipt.sending': 'Sending…',
  'chatReceipt.sent': 'Sent',
  'chatReceipt.delivered': 'Delivered',
  'chatReceipt.read': 'Read',
  'chatReceipt.failed': 'Not sent',
  chatNewMessage: '{name}: {text}',
  chatReconnecting: 'Reconnecting to the chat…',
  chatStartFailed: 'The chat could not be started.',
  chatConnectionLost: 'The connection to the chat was lost. Please try again.',
  chatEndedByAgent: 'The agent ended the chat.',
  chatEndedByCustomer: 'You ended the chat.',
  chatEnded: 'The chat has ended.',
  endChat: 'End chat',
  newChat: 'Start a new chat',
  switchToVideo: 'Switch to video call',
};

export type ChatMessages = typeof enUSChat;
