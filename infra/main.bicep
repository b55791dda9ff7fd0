// The Prevent Partnership Hub in one resource group: the API (Azure Functions, Flex Consumption, Node 22), its
// storage, Application Insights, Key Vault for the secrets, the bot's App Service (Node 22) and the Azure Bot
// resource with its Teams channel. Deploy with:
//   az deployment group create -g <resource group> --template-file infra/main.bicep --parameters infra/dev.bicepparam
// Secrets are never parameters: set them in the Key Vault afterwards (README, "Deploying to a council's tenant").
targetScope = 'resourceGroup'

@description('Short name for this environment\'s resources, e.g. pph-dev (letters, digits and hyphens).')
@minLength(3)
@maxLength(12)
param baseName string

@description('Azure region; UK South keeps the data in the UK.')
param location string = resourceGroup().location

@description('Entra tenant of the council.')
param tenantId string = tenant().tenantId

@description('Application (client) id of the API\'s app registration (PPH_CLIENT_ID); it also reads SharePoint with its certificate.')
@minLength(36)
@maxLength(36)
param apiClientId string

@description('Application (client) id of the bot\'s app registration (single tenant).')
@minLength(36)
@maxLength(36)
param botAppId string

@description('The Teams app id (TEAMS_APP_ID in env/.env.<environment>), for deep links from cards.')
@minLength(36)
@maxLength(36)
param teamsAppId string

@description('Host name the tabs are served from (TAB_DOMAIN), e.g. hub.council.example: SSO audience and CORS origin.')
@minLength(3)
param tabHost string

@description('The hub\'s SharePoint site, e.g. https://council.sharepoint.com/sites/prevent-hub.')
@minLength(12)
param spSiteUrl string

@description('What the bot shows at immediate risk: the council\'s children\'s safeguarding contact.')
param safeguardingChild string

@description('What the bot shows at immediate risk: the council\'s adult safeguarding contact.')
param safeguardingAdult string

@description('Object id of the person or group who will set the Key Vault secrets (given Key Vault Secrets Officer); empty for none.')
param secretsOfficerPrincipalId string = ''

@description('App Service plan size for the bot (B1 is enough for a council; P0v3 for zone redundancy).')
param botPlanSku string = 'B1'

@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams) or S1.')
@allowed(['F0', 'S1'])
param botServiceSku string = 'F0'

@description('Most Flex Consumption instances the API may scale out to.')
@minValue(1)
@maxValue(1000)
param functionMaxInstances int = 40

var suffix = take(uniqueString(resourceGroup().id, baseName), 6)
var names = {
  logs: '${baseName}-logs'
  insights: '${baseName}-insights'
  storage: take(toLower(replace('${baseName}${suffix}st', '-', '')), 24)
  keyVault: take('${baseName}-kv-${suffix}', 24)
  functionPlan: '${baseName}-api-plan'
  functionApp: '${baseName}-api-${suffix}'
  botPlan: '${baseName}-bot-plan'
  botApp: '${baseName}-bot-${suffix}'
  botService: '${baseName}-bot'
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: { location: location, logsName: names.logs, insightsName: names.insights }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: { location: location, name: names.storage }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    name: names.keyVault
    tenantId: tenantId
    secretsOfficerPrincipalId: secretsOfficerPrincipalId
  }
}

module api 'modules/functions.bicep' = {
  name: 'api'
  params: {
    location: location
    planName: names.functionPlan
    appName: names.functionApp
    storageName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    insightsConnectionString: monitoring.outputs.connectionString
    keyVaultName: keyVault.outputs.name
    tenantId: tenantId
    apiClientId: apiClientId
    botAppId: botAppId
    tabHost: tabHost
    spSiteUrl: spSiteUrl
    botNotifyUrl: 'https://${names.botApp}.azurewebsites.net/api/notify'
    maximumInstanceCount: functionMaxInstances
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    location: location
    planName: names.botPlan
    planSku: botPlanSku
    appName: names.botApp
    botServiceName: names.botService
    botServiceSku: botServiceSku
    insightsConnectionString: monitoring.outputs.connectionString
    keyVaultName: keyVault.outputs.name
    tenantId: tenantId
    botAppId: botAppId
    apiClientId: apiClientId
    apiUrl: 'https://${api.outputs.defaultHostName}'
    teamsAppId: teamsAppId
    safeguardingChild: safeguardingChild
    safeguardingAdult: safeguardingAdult
  }
}

output functionAppName string = api.outputs.name
output apiUrl string = 'https://${api.outputs.defaultHostName}'
output botAppName string = bot.outputs.appName
output botEndpoint string = bot.outputs.messagingEndpoint
output keyVaultName string = keyVault.outputs.name
