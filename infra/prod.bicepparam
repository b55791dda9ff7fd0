// Parameters for the "prod" environment: as infra/dev.bicepparam, from env/.env.prod (a copy of env/.env.dev
// filled in for production). Export it into the shell first, then deploy:
//   set -a; . env/.env.prod; set +a
//   az deployment group create -g <resource group> --template-file infra/main.bicep --parameters infra/prod.bicepparam
// An empty value is refused by main.bicep's checks before anything is created. No secrets here.
using 'main.bicep'

param baseName = 'pph-prod'
param location = 'uksouth'
param apiClientId = readEnvironmentVariable('API_CLIENT_ID', '')
param botAppId = readEnvironmentVariable('BOT_ID', '')
param teamsAppId = readEnvironmentVariable('TEAMS_APP_ID', '')
param tabHost = readEnvironmentVariable('TAB_DOMAIN', '')
param spSiteUrl = readEnvironmentVariable('SP_SITE_URL', '')
param safeguardingChild = readEnvironmentVariable('SAFEGUARDING_CHILD', '')
param safeguardingAdult = readEnvironmentVariable('SAFEGUARDING_ADULT', '')
param secretsOfficerPrincipalId = readEnvironmentVariable('SECRETS_OFFICER_ID', '')
param botPlanSku = 'P0v3'
param botServiceSku = 'F0'
param functionMaxInstances = 40
