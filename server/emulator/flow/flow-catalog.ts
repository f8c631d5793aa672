import { fileURLToPath } from 'node:url';
import { loadFlowDefinition, parseFlowDefinition, type FlowDefinition } from './flow-definition.js';
import { loadPromptLibrary, type PromptLibrary } from './prompt-files.js';

export const DEFAULT_FLOW_PATH = fileURLToPath(new URL('./default-flow.json', import.meta.url));
export const STRAIGHT_TO_QUEUE_FLOW_PATH = fileURLToPath(
  new URL('./straight-to-queue.json', import.meta.url),
);

/**
 * Which flow a contact runs. As in Connect, StartWebRTCContact's ContactFlowId picks it: a flow
 * registered under that id (tests register their own, so parallel tests run different flows),
 * else the emulator's default one.
 */
export interface FlowCatalog {
  readonly prompts: PromptLibrary;
  flowFor(contactFlowId: string): FlowDefinition;
  /** Checks an untrusted definition and registers it under a ContactFlowId. */
  register(contactFlowId: string, definition: unknown): FlowDefinition;
}

/** Throws a FlowDefinitionError naming the file when the default flow is not valid. */
export function createFlowCatalog(
  options: { prompts?: PromptLibrary; defaultFlowPath?: string } = {},
): FlowCatalog {
  const prompts = options.prompts ?? loadPromptLibrary();
  const defaultFlow = loadFlowDefinition(options.defaultFlowPath ?? DEFAULT_FLOW_PATH, prompts);
  const registered = new Map<string, FlowDefinition>();
  return {
    prompts,
    flowFor: (contactFlowId) => registered.get(contactFlowId) ?? defaultFlow,
    register(contactFlowId, definition) {
      const flow = parseFlowDefinition(definition, prompts, `The flow for ${contactFlowId}`);
      registered.set(contactFlowId, flow);
      return flow;
    },
  };
}
