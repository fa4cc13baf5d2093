/** Settings in DocumentProperties: shared by everyone who edits the spreadsheet. */
import { loadSettings, serialiseSettings, validateSettings, type ValidationResult } from '../settings/settings';
import type { Settings } from '../settings/schema';
import { parseLang } from '../engine/labels';
import type { Lang } from '../engine/types';

const SETTINGS_KEY = 'customerTiers.settings';

export function readSettings(defaultSheet = ''): { settings: Settings; messages: string[] } {
  return loadSettings(PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY), defaultSheet);
}

/** Validates, then stores; invalid settings are never stored. */
export function writeSettings(input: unknown): ValidationResult {
  const result = validateSettings(input);
  if (result.ok) PropertiesService.getDocumentProperties().setProperty(SETTINGS_KEY, serialiseSettings(result.settings));
  return result;
}

/** The user's language: the setting, or their Google locale when it is 'auto'. */
export function userLanguage(settings?: Settings): Lang {
  if (settings && settings.language !== 'auto') return settings.language;
  try {
    return parseLang(Session.getActiveUserLocale());
  } catch {
    // Not available in every auth mode; English is the safe default.
    return 'en';
  }
}
