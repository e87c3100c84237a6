package com.multistore.elt.loader.archive;

import com.multistore.elt.aws.AwsClients;
import com.multistore.elt.aws.AwsSettings;
import com.multistore.elt.loader.config.LoaderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.net.URI;
import java.util.Optional;

/**
 * Produces the configured archive: a directory (default) or an S3 bucket (AWS SDK v2 on the pipeline's AWS
 * settings: {@code aws.credentials.*}, else the default chain: environment, profile, instance role).
 */
@ApplicationScoped
public class ArchiveTargets {

    @Produces
    @ApplicationScoped
    RawArchive archive(LoaderConfig config, AwsClients aws) {
        if (config.archive().kind() == LoaderConfig.ArchiveKind.S3) {
            LoaderConfig.S3 s3 = config.archive().s3();
            return new S3Archive(s3Client(aws.settings(), aws.http(), s3), s3.bucket(), s3.prefix());
        }
        return new DirectoryArchive(config.archive().directory());
    }

    /**
     * An S3 client on the pipeline's AWS settings (aws-support: credentials, timeouts, the SDK's bounded retries), in
     * {@code loader.archive.s3.region} when set; path-style when the endpoint is overridden
     * ({@code loader.archive.s3.endpoint-override}, else {@code aws.s3.endpoint-override}).
     */
    public static S3Client s3Client(AwsSettings aws, SdkHttpClient http, LoaderConfig.S3 config) {
        S3ClientBuilder builder = aws.configure(S3Client.builder(), "s3", http)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        config.region().ifPresent(region -> builder.region(Region.of(region)));
        Optional<URI> endpoint = config.endpointOverride().or(() -> aws.endpoint("s3"));
        // the batch is in memory: sign it whole rather than as aws-chunked; path style for a non-AWS endpoint
        builder.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false)
                .pathStyleAccessEnabled(endpoint.isPresent()).build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
