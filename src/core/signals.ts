/**
 * Names of the workflow messages that code outside workflows/ sends by name
 * (activities may not import workflow definitions at run time).
 */

/** Signal the training activity sends to the retrain workflow after each epoch. */
export const TRAINING_PROGRESS_SIGNAL = 'trainingProgress';

/** Signal the trial-training activity sends to its trial workflow after each epoch (the pruner's input). */
export const TRIAL_PROGRESS_SIGNAL = 'trialProgress';
