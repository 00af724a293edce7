// Jest runner of the Neo4j suite: jest's own runner, but one test file at a time (the files share one database).
const TestRunner = require('jest-runner').default;

class SerialRunner extends TestRunner {
  constructor(...args) {
    super(...args);
    this.isSerial = true;
  }
}

module.exports = SerialRunner;
