// Key Vault for the hub's secrets, with Azure RBAC (no access policies). Its secrets are set by a person after
// deployment, never passed through a template:
//   pph-audit-key          PPH_AUDIT_KEY, the audit chain's HMAC key (at least 32 characters)
//   pph-bot-notify-key     PPH_BOT_NOTIFY_KEY, shared by the API and the bot (at least 16 characters)
//   pph-bot-app-password   PPH_BOT_APP_PASSWORD, the bot registration's client secret
//   pph-sharepoint         a certificate (PEM): the API registration's credential for SharePoint (Sites.Selected)
// The apps read them through Key Vault references in their app settings, with their managed identities.
param location string
param name string
param tenantId string
param secretsOfficerPrincipalId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

// Key Vault Secrets Officer, for whoever sets the secrets and creates the certificate.
resource officer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(secretsOfficerPrincipalId)) {
  scope: vault
  name: guid(vault.id, secretsOfficerPrincipalId, 'secrets-officer')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
    principalId: secretsOfficerPrincipalId
  }
}

// Key Vault Certificates Officer too: the SharePoint certificate is a certificate object.
resource certificates 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(secretsOfficerPrincipalId)) {
  scope: vault
  name: guid(vault.id, secretsOfficerPrincipalId, 'certificates-officer')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'a4417e6f-fecd-4de8-b567-7b0420556985')
    principalId: secretsOfficerPrincipalId
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
