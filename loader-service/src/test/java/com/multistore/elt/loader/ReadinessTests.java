package com.multistore.elt.loader;

import com.multistore.elt.testing.DatabaseReadinessTestsBase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTests extends DatabaseReadinessTestsBase {
}
