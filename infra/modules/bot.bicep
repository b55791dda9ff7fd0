// The Teams bot: its App Service (Linux, Node 22, system-assigned managed identity reading its secrets from
// Key Vault) and the Azure Bot resource (single-tenant registration) with the Microsoft Teams channel.
param location string
param planName string
param planSku string
param appName string
param botServiceName string
param botServiceSku string
param insightsConnectionString string
param keyVaultName string
param tenantId string
param botAppId string
param apiClientId string
param apiUrl string
param teamsAppId string
param safeguardingChild string
param safeguardingAdult string

// An app setting that App Service resolves from Key Vault with the app's managed identity.
func secret(vault string, name string) string => '@Microsoft.KeyVault(VaultName=${vault};SecretName=${name})'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  kind: 'linux'
  sku: { name: planSku }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/index.js'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      healthCheckPath: '/api/health'
      appSettings: [
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insightsConnectionString }
        // The bundle is deployed as it is (npm run bundle:bot): nothing to install or build on the server.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'WEBSITES_PORT', value: '8080' }
        { name: 'NODE_ENV', value: 'production' }
        { name: 'PPH_MODE', value: 'azure' }
        { name: 'PPH_BOT_PORT', value: '8080' }
        { name: 'PPH_BOT_APP_ID', value: botAppId }
        { name: 'PPH_BOT_APP_PASSWORD', value: secret(keyVaultName, 'pph-bot-app-password') }
        { name: 'PPH_TENANT_ID', value: tenantId }
        { name: 'PPH_CLIENT_ID', value: apiClientId }
        { name: 'PPH_API_URL', value: apiUrl }
        { name: 'PPH_BOT_NOTIFY_KEY', value: secret(keyVaultName, 'pph-bot-notify-key') }
        { name: 'PPH_TEAMS_APP_ID', value: teamsAppId }
        { name: 'PPH_SAFEGUARDING_CHILD', value: safeguardingChild }
        { name: 'PPH_SAFEGUARDING_ADULT', value: safeguardingAdult }
      ]
    }
  }
}

resource readSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, app.id, 'secrets-user')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  location: 'global'
  kind: 'azurebot'
  sku: { name: botServiceSku }
  properties: {
    displayName: 'Prevent Hub'
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

output appName string = app.name
output messagingEndpoint string = botService.properties.endpoint
