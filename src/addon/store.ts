/** Settings in DocumentProperties: shared by everyone who edits the spreadsheet. */
import {
  loadSettings,
  serialiseSettings,
  settingProblem,
  validateSettings,
  type LoadedSettings,
  type ValidationResult,
} from '../settings/settings';
import type { Settings } from '../settings/schema';
import { PROPERTY_VALUE_LIMIT } from '../settings/constants';
import { parseLang } from '../engine/labels';
import type { Lang } from '../engine/types';

const SETTINGS_KEY = 'customerTiers.settings';

export function readSettings(defaultSheet = ''): LoadedSettings {
  const stored = PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY);
  return loadSettings(stored, defaultSheet);
}

// PROPERTY_VALUE_LIMIT: Apps Script refuses a property value over 9 KB (UTF-8); Chinese text takes 3 bytes a character.

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return bytes;
}

/** Validates, then stores; invalid or oversized settings are never stored (the problems come back as data). */
export function writeSettings(input: unknown): ValidationResult {
  const result = validateSettings(input);
  if (!result.ok) return result;
  const text = serialiseSettings(result.settings);
  const size = utf8Length(text);
  if (size > PROPERTY_VALUE_LIMIT) {
    // The text names both things that can grow: the playbook actions and the points tables.
    return { ok: false, problems: [settingProblem('playbook', 'settings.tooLarge', { size: (size / 1024).toFixed(1) })] };
  }
  PropertiesService.getDocumentProperties().setProperty(SETTINGS_KEY, text);
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
