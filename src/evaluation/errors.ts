import { DomainError, FailureType } from '../core/errors';

/**
 * Thrown by {@link parsePromotionPolicy} when a policy is malformed. The
 * message lists every problem, each naming its field
 * (`promotionPolicy.floors.rocAuc must be a number between 0 and 1`).
 *
 * A bad policy is a configuration error: retrying cannot fix it.
 */
export class PromotionPolicyError extends DomainError {
  override readonly name = 'PromotionPolicyError';

  /** @param issues - one message per problem, each starting with the field path */
  constructor(readonly issues: readonly string[]) {
    super(issues.join('; '), { failureType: FailureType.InvalidInput, details: { issues } });
  }
}
