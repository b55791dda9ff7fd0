/** The harness's themes: SharePoint's light and dark (a section's inverted variant), and high contrast; ?theme= picks one. */
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

export const HARNESS_THEMES: Record<string, Theme> = {
  default: webLightTheme,
  dark: webDarkTheme,
  contrast: teamsHighContrastTheme,
};

export const themeOf = (search: string): Theme =>
  HARNESS_THEMES[new URLSearchParams(search).get('theme') ?? 'default'] ?? webLightTheme;
