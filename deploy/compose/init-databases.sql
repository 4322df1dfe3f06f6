-- One database per service: each service owns its data and its migrations.
CREATE DATABASE content;
CREATE DATABASE campaign;
CREATE DATABASE community;
CREATE DATABASE metrics;
