/** The monitoring workflow's input and result. */
import type { AnnounceDriftResult } from '../activities/alerts';

/** Which period to measure, and the rules. Every field is optional. */
export interface MonitoringInput {
  /** The period's end (exclusive), ISO. @default the workflow's start time (a schedule's fire time) */
  readonly periodEnd?: string;
  /** The period's start, ISO. @default `periodEnd − period` */
  readonly periodStart?: string;
  /** The period's length when `periodStart` is not given. @default '7 days' */
  readonly period?: string;
  /** Rows of production traffic below which drift and CBPE report "not enough traffic". @default 200 */
  readonly minRows?: number;
  /** Share of drifted columns at which the dataset counts as drifted. @default 0.5 */
  readonly driftShare?: number;
  /** The degradation rule: metric (default rocAuc), maxRelativeDrop (0.05), minSamples (200). */
  readonly degradation?: {
    readonly metric?: string;
    readonly maxRelativeDrop?: number;
    readonly minSamples?: number;
  };
  /** Re-announce an unchanged drift or degradation episode after this long. @default '28 days' */
  readonly alertCooldown?: string;
  /** Who asked: a person, `schedule`. */
  readonly requestedBy?: string;
}

/** What the period found and did (references only: the record and dashboard stay on disk). */
export interface MonitoringResult {
  readonly period: { readonly start: string; readonly end: string };
  readonly recordPath: string;
  readonly dashboardPath: string;
  readonly productionVersion: string | null;
  /** `checked`, `not_enough_traffic` or `no_production`, and whether the check found dataset drift. */
  readonly drift: { readonly status: string; readonly datasetDrift: boolean };
  readonly degradation: string;
  readonly driftAlert: AnnounceDriftResult | null;
  readonly performanceAlert: AnnounceDriftResult;
}
