import type { ActivityOptions } from '@temporalio/workflow';
import { NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';

/**
 * How workflows call the alert activities: a webhook that is down is retried
 * with backoff for up to a day, so the alert survives an outage of the
 * receiver; a 4xx answer fails at once (non-retryable).
 */
export const ALERT_ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '1 day',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES,
  },
};
