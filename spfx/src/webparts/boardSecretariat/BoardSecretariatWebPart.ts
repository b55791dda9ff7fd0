/**
 * The SharePoint web part: renders the secretariat's views (components/BoardApp) with a backend that calls the
 * hub's Functions API through AadHttpClient, signed in as the person on the page. The API's address and its
 * Entra resource (api://<API_CLIENT_ID>) are the web part's properties; the permission itself is requested by
 * the solution package (config/package-solution.json, webApiPermissionRequests) and approved by an admin.
 */
import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { PropertyPaneTextField, type IPropertyPaneConfiguration } from '@microsoft/sp-property-pane';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import type { IReadonlyTheme } from '@microsoft/sp-component-base';
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { boardBackend } from './api/board-api';
import { aadFetch } from './api/aad-fetch';
import { BoardApp } from './components/BoardApp';
import { Problem } from './components/Status';

export interface BoardSecretariatWebPartProps {
  /** The hub's Functions app, e.g. https://func-prevent-hub.azurewebsites.net */
  apiBaseUrl: string;
  /** The API's Entra resource, e.g. api://<API_CLIENT_ID> */
  apiResource: string;
}

export default class BoardSecretariatWebPart extends BaseClientSideWebPart<BoardSecretariatWebPartProps> {
  private dark = false;

  public render(): void {
    const { apiBaseUrl, apiResource } = this.properties;
    if (!apiBaseUrl || !apiResource) {
      ReactDom.render(
        React.createElement(
          Problem,
          null,
          'Set the hub’s API address and its Entra resource in this web part’s properties (edit the page, then the web part).',
        ),
        this.domElement,
      );
      return;
    }
    aadFetch(this.context.aadHttpClientFactory, apiResource).then(
      (fetch) => {
        const backend = boardBackend({ baseUrl: apiBaseUrl.replace(/\/+$/, ''), fetch, timeoutMs: 30_000 });
        ReactDom.render(
          React.createElement(BoardApp, {
            backend,
            theme: this.dark ? webDarkTheme : webLightTheme,
          }),
          this.domElement,
        );
      },
      () =>
        ReactDom.render(
          React.createElement(
            Problem,
            null,
            'SharePoint could not sign you in to the hub’s API. An administrator approves its permission in the SharePoint admin centre (Advanced, API access).',
          ),
          this.domElement,
        ),
    );
  }

  /** A section with a dark background inverts the theme: Fluent's dark theme then. */
  protected onThemeChanged(theme: IReadonlyTheme | undefined): void {
    this.dark = theme?.isInverted === true;
    if (this.properties.apiBaseUrl) this.render();
  }

  protected onDispose(): void {
    ReactDom.unmountComponentAtNode(this.domElement);
  }

  protected get dataVersion(): Version {
    return Version.parse('1.0');
  }

  protected getPropertyPaneConfiguration(): IPropertyPaneConfiguration {
    return {
      pages: [
        {
          header: { description: 'Where the Prevent Partnership Hub’s API is.' },
          groups: [
            {
              groupName: 'Hub API',
              groupFields: [
                PropertyPaneTextField('apiBaseUrl', { label: 'API address (https://…)' }),
                PropertyPaneTextField('apiResource', { label: 'Entra resource (api://<API client id>)' }),
              ],
            },
          ],
        },
      ],
    };
  }
}
