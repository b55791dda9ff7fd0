// The hub's API: Azure Functions on the Flex Consumption plan, Node 22, with a system-assigned managed identity
// that reads the Key Vault secrets and the app's storage. Secrets reach the app as Key Vault references.
param location string
param planName string
param appName string
param storageName string
param deploymentContainerUrl string
param insightsConnectionString string
param keyVaultName string
param tenantId string
param apiClientId string
param botAppId string
param tabHost string
param spSiteUrl string
param botNotifyUrl string
param maximumInstanceCount int

@description('Memory per instance: 2048 MB is the Flex default.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

// An app setting that App Service resolves from Key Vault with the app's managed identity.
func secret(vault string, name string) string => '@Microsoft.KeyVault(VaultName=${vault};SecretName=${name})'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'node', version: '22' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // The tabs call the API from the browser.
      cors: { allowedOrigins: ['https://${tabHost}'], supportCredentials: false }
      appSettings: [
        // The host's own storage, reached with the managed identity (no connection string, no key).
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insightsConnectionString }
        { name: 'NODE_ENV', value: 'production' }
        { name: 'PPH_MODE', value: 'azure' }
        { name: 'PPH_STORE', value: 'sharepoint' }
        { name: 'PPH_SP_SITE_URL', value: spSiteUrl }
        { name: 'PPH_SP_CLIENT_ID', value: apiClientId }
        { name: 'PPH_SP_CERTIFICATE', value: secret(keyVaultName, 'pph-sharepoint') }
        { name: 'PPH_TENANT_ID', value: tenantId }
        { name: 'PPH_CLIENT_ID', value: apiClientId }
        { name: 'PPH_BOT_APP_ID', value: botAppId }
        { name: 'PPH_API_HOST', value: tabHost }
        { name: 'PPH_AUDIT_KEY', value: secret(keyVaultName, 'pph-audit-key') }
        { name: 'PPH_BOT_NOTIFY_URL', value: botNotifyUrl }
        { name: 'PPH_BOT_NOTIFY_KEY', value: secret(keyVaultName, 'pph-bot-notify-key') }
      ]
    }
  }
}

var roles = {
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource readSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, app.id, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]: {
    scope: storage
    name: guid(storage.id, app.id, role)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: app.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
output principalId string = app.identity.principalId
