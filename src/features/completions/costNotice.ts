// Cost is visible before it surprises anyone: on a relay with a known price (not a local server), the
// first completion comes with a one-time notice (what it costs per request and how to turn it off),
// and after a few minutes of typing, one with the measured cost per hour of typing.
import * as vscode from 'vscode';
import { CostMeter, formatUsd } from '../../core/complete/costMeter';
import { isLocalOrigin } from '../../core/complete/local';

const FIRST_KEY = 'relayAssistant.completions.costNoticeShown';
const MEASURED_KEY = 'relayAssistant.completions.costMeasuredShown';
/** Typing time after which the measured cost is told. */
const MEASURE_AFTER_MS = 3 * 60_000;
const DISABLE = 'Disable Inline Completions';

export class CostNotice {
  readonly meter = new CostMeter();
  private measuredShown: boolean;

  constructor(
    private readonly state: vscode.Memento,
    private readonly disable: () => void,
  ) {
    this.measuredShown = state.get<boolean>(MEASURED_KEY) === true;
  }

  /** Before a request: the first notice, once (never for local servers or unknown prices). Never holds the request. */
  beforeRequest(origin: string, model: string, pricePerRequest: number | null): void {
    if (isLocalOrigin(origin) || pricePerRequest === null || this.state.get<boolean>(FIRST_KEY)) return;
    void this.state.update(FIRST_KEY, true);
    void this.tell(
      `Relay Assistant: inline completions use ${model} on ${origin}, about ${formatUsd(pricePerRequest)} per request. ` +
        'After a few minutes of typing you will see what they cost per hour. Turn them off with the ⚡ status bar item or the setting relayAssistant.completions.enabled.',
    );
  }

  /** After a request's cost: once enough typing is measured, the cost per hour, once. */
  afterCost(origin: string): void {
    if (this.measuredShown || isLocalOrigin(origin) || this.meter.typingMs < MEASURE_AFTER_MS) return;
    const perHour = this.meter.perHour();
    if (perHour === null) return;
    this.measuredShown = true;
    void this.state.update(MEASURED_KEY, true);
    void this.tell(`Relay Assistant: inline completions cost about ${formatUsd(perHour)} per hour of typing (measured over ${Math.round(this.meter.typingMs / 60_000)} minutes, ${this.meter.requests} requests).`);
  }

  private async tell(text: string): Promise<void> {
    if ((await vscode.window.showInformationMessage(text, DISABLE)) === DISABLE) this.disable();
  }
}
