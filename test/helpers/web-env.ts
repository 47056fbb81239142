// Environment of the browser specs, set before the API's configuration module is first loaded
// (import this first): funders may sign up, and webhooks may reach a receiver on this machine.
process.env.SIGNUP_FUNDERS = 'open';
process.env.WEBHOOK_ALLOW_PRIVATE_URLS = 'true';
