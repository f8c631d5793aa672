import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { enUS, type Messages } from './messages';

const MessagesContext = createContext<Messages>(enUS);

export const MessagesProvider = MessagesContext.Provider;

export function useMessages(): Messages {
  return useContext(MessagesContext);
}
