// Logs and Application Insights for both apps. The hub logs ids and codes only, never personal data.
param location string
param logsName string
param insightsName string

@description('Days logs are kept.')
param retentionInDays int = 90

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logsName
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: insightsName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: logs.id
    DisableIpMasking: false
  }
}

output connectionString string = insights.properties.ConnectionString
