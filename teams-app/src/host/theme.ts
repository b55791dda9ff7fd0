/** Teams' three themes as Fluent themes; a `?theme=` query picks one for local runs and tests. */
import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { asThemeName, type ThemeName } from './teams';

export const THEMES: Record<ThemeName, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

export const themeFromQuery = (search: string): ThemeName | undefined =>
  asThemeName(new URLSearchParams(search).get('theme'));
