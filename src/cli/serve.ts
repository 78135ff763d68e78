import type { Command } from 'commander';
export function registerServe(_p: Command): void {}
