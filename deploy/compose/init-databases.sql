-- One database per service (each owns its data and its migrations), and the gateway's own
-- (the API keys of machines).
CREATE DATABASE content;
CREATE DATABASE campaign;
CREATE DATABASE community;
CREATE DATABASE metrics;
CREATE DATABASE gateway;
