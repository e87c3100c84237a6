package com.multistore.elt.loader.archive;

import com.multistore.elt.loader.config.LoaderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.time.Duration;

/**
 * Produces the configured archive: a directory (default) or an S3 bucket (AWS SDK v2, credentials from the default
 * chain: environment, profile, instance role).
 */
@ApplicationScoped
public class ArchiveTargets {

    @Produces
    @ApplicationScoped
    RawArchive archive(LoaderConfig config) {
        if (config.archive().kind() == LoaderConfig.ArchiveKind.S3) {
            LoaderConfig.S3 s3 = config.archive().s3();
            return new S3Archive(s3Client(s3), s3.bucket(), s3.prefix());
        }
        return new DirectoryArchive(config.archive().directory());
    }

    /** An S3 client with timeouts and the SDK's bounded retries; path-style when the endpoint is overridden. */
    public static S3Client s3Client(LoaderConfig.S3 config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        // the batch is in memory: sign it whole rather than as aws-chunked; path style for a non-AWS endpoint
        builder.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false)
                .pathStyleAccessEnabled(config.endpointOverride().isPresent()).build());
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
