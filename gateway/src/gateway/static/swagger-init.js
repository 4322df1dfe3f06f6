// Starts Swagger UI on /docs (a file rather than an inline script, so a strict
// Content-Security-Policy of script-src 'self' still lets the page run).
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  deepLinking: true,
  persistAuthorization: true,
  displayRequestDuration: true,
  showExtensions: false,
  validatorUrl: null, // no badge fetched from an online validator: the page stays offline
});
