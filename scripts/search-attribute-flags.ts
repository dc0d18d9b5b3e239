/** Prints the `--search-attribute Name=Type` flags `scripts/pipeline.sh` passes to `temporal server start-dev`. */
import { devServerSearchAttributeFlags } from '../temporal/search-attributes';

console.log(devServerSearchAttributeFlags().join(' '));
