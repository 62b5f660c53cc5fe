// The language model provider's vscode-free half: message / tool mapping, model information, answers.
export * from './parts';
export { toChatMessages, NO_RESULT, TOOL_IMAGES, type MapOptions, type MappedMessages } from './messages';
export { requestFields, TOOL_MODE, type LmRequestOptions } from './request';
export { parseToolCalls, ReasoningMemory, ToolCallArgumentsError } from './toolCalls';
export { modelInformation, formatPricePerMillion, type LmModelInformation, type ModelInfoInput } from './modelInfo';
export { respond, toLmError, LmRequestError, type LmSink, type RespondHooks, type LmChatRequest } from './respond';
export { countTokens, IMAGE_TOKENS } from './tokens';
