package com.multistore.elt.infra;

import com.multistore.elt.testing.DatabaseReadinessTestsBase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTests extends DatabaseReadinessTestsBase {
}
