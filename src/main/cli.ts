// Command-line entry (plain Node).
console.log('cli: TODO');
