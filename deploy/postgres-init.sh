#!/bin/sh
# One database and one role per service; passwords come from the environment and reach SQL as quoted
# literals (psql :'var'), never spliced into the statement text.
set -eu
for service in credit hydrogen awards tasks housing; do
  password=$(printenv "$(echo "$service" | tr a-z A-Z)_DB_PASSWORD")
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" -v role="$service" -v pw="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'role', :'role') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'role') \gexec
SQL
done
