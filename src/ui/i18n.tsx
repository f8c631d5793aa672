import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { enUS, type Messages } from './messages';

const MessagesContext = createContext<{ messages: Messages; locale: string }>({
  messages: enUS,
  locale: 'en-US',
});

export const MessagesProvider = MessagesContext.Provider;

export function useMessages(): Messages {
  return useContext(MessagesContext).messages;
}

/** The widget's language (a BCP 47 tag), for numbers and the call timer. */
export function useLocale(): string {
  return useContext(MessagesContext).locale;
}
