{{/* The chart's name, at most 63 characters (a DNS label). */}}
{{- define "junction.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The name of every object of a release: the release name, unless it already contains the chart's. */}}
{{- define "junction.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels that select the gateway's pods; never change them in an upgrade. */}}
{{- define "junction.selectorLabels" -}}
app.kubernetes.io/name: {{ include "junction.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "junction.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "junction.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: gateway
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The gateway's image, tag defaulting to the chart's appVersion. */}}
{{- define "junction.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
The environment variable that carries a connector's password from its Secret into the connector file:
JUNCTION_<NAME>_PASSWORD, e.g. JUNCTION_POSTGRES_PASSWORD (the names the local stack's files use too).
*/}}
{{- define "junction.passwordVariable" -}}
{{- printf "JUNCTION_%s_PASSWORD" (. | upper) }}
{{- end }}

{{/* Health endpoints of the gateway (quarkus.smallrye-health.root-path in application.properties). */}}
{{- define "junction.healthPath" -}}/health{{- end }}

{{/* The ServiceAccount the pods run as. */}}
{{- define "junction.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "junction.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The JVM flags Ignite's thin client and JDBC driver need (java.nio opened) and UTC timestamps: required, not
tuning, so not a value. The same as pom.xml's junction.jvm.flags and docker/Dockerfile's JUNCTION_JVM_FLAGS.
*/}}
{{- define "junction.jvmFlags" -}}--add-opens=java.base/java.nio=ALL-UNNAMED -Duser.timezone=UTC{{- end }}

{{/* The connectors that are rendered, after checking each name: it becomes a file name and a SQL schema. */}}
{{- define "junction.enabledConnectors" -}}
{{- $enabled := dict }}
{{- range $name, $connector := .Values.connectors }}
{{- if not (regexMatch "^[a-z][a-z0-9_]*$" $name) }}
{{- fail (printf "connectors.%s: a connector name must match [a-z][a-z0-9_]* (it becomes the file name and the schema in SQL)" $name) }}
{{- end }}
{{- if $connector.enabled }}
{{- $_ := set $enabled $name $connector }}
{{- end }}
{{- end }}
{{- toJson $enabled }}
{{- end }}
