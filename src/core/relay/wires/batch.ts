// The Batch API's request lines and result bodies: the same wire a live request to that model would use
// (chat completions, or the Responses API for Responses-only models), with the model's parameter rules.
import { paramsOf } from '../../models/params';
import type { ModelOverrides } from '../models';
import type { AttemptOutput } from '../attempt';
import { isObject, parseJson } from '../json';
import type { ChatRequest } from '../types';
import { chatWire } from './chat';
import { responsesWire } from './responses';

/** A batch line's `url` and `body` for this request (the Batch API takes `/v1/chat/completions` or `/v1/responses`). */
export function batchRequest(req: ChatRequest, overrides?: ModelOverrides): { url: string; body: Record<string, unknown> } {
  const params = paramsOf(req, overrides, undefined);
  const wire = params.api === 'responses' ? responsesWire : chatWire;
  return { url: `/v1${wire.path}`, body: wire.body(req.model, req, params) };
}

/** A result line's body, read by the wire it came from (a Responses body has `object: "response"` or an `output` array). */
export function parseBatchBody(text: string, secrets: readonly string[]): AttemptOutput {
  const json = parseJson(text);
  const responses = isObject(json) && (json.object === 'response' || Array.isArray(json.output));
  return (responses ? responsesWire : chatWire).parse(text, secrets);
}
