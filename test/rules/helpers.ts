import { RuleLoadError, loadRules } from '../../src/rules/load.js';

/** The problems loading the rules folder `root` reports (none when it loads). */
export function problems(root: string) {
  try {
    loadRules(root);
  } catch (err) {
    if (err instanceof RuleLoadError) return err.problems;
    throw err;
  }
  return [];
}
