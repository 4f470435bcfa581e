// The console's page on AWS: CloudFront in front of a private bucket (origin access control). The page
// signs in with Cognito's hosted UI and calls the console API; config.json, written at deploy time, tells
// it where both are.
import { Duration, RemovalPolicy, aws_certificatemanager as acm, aws_cloudfront as cloudfront, aws_cloudfront_origins as origins, aws_s3 as s3, aws_s3_deployment as s3deploy } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Construct } from 'constructs';
import { contentSecurityPolicy, inlineScriptsOf } from '../../lib/http/browser-guard.ts';

export interface ConsoleSiteProps {
  accessLogs: s3.IBucket;
  removalPolicy: RemovalPolicy;
  /** The folder of the page (web/). */
  pageDirectory: string;
  /** The bureau's own name for the console and its ACM certificate (us-east-1): TLS 1.2 at least, which the default *.cloudfront.net certificate cannot promise. */
  domain?: { name: string; certificateArn: string };
  /** The web ACL in front of it (infra/edge-stack.ts). */
  webAclArn?: string;
}

export class ConsoleSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** The web ACL in front of the distribution, if any. */
  readonly webAclArn: string | undefined;
  /** https://<distribution>/ — where the page is, and where sign-in returns to. */
  readonly url: string;

  constructor(scope: Construct, id: string, private readonly props: ConsoleSiteProps) {
    super(scope, id);
    const logs = new s3.Bucket(this, 'Logs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logs are delivered with an ACL.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'ConsoleLogs/',
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy: props.removalPolicy,
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'ConsoleSite/',
      removalPolicy: props.removalPolicy,
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'intake console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: this.headers(props.pageDirectory),
      },
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.url = `https://${props.domain?.name ?? this.distribution.distributionDomainName}/`;
    this.webAclArn = props.webAclArn;
  }

  /**
   * The headers the embedded console sends (lib/http/browser-guard.ts), from CloudFront: the page runs its
   * own scripts only (the verify page's inline one by hash), talks to the API, Cognito and S3 only, and is
   * framed by nobody; HSTS for two years.
   */
  private headers(pageDirectory: string): cloudfront.ResponseHeadersPolicy {
    const csp = contentSecurityPolicy({
      inlineScripts: inlineScriptsOf(readFileSync(path.join(pageDirectory, 'verify.html'), 'utf8')),
      connectTo: ['https://*.amazonaws.com', 'https://*.amazoncognito.com'],
    });
    return new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'intake console: CSP, no framing, HSTS',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
      },
    });
  }

  /** The page and its config.json (the API's endpoint, the sign-in), copied in at deploy time. */
  publish(config: { apiUrl: string; auth: { domain: string; clientId: string; redirectUri: string } }): s3deploy.BucketDeployment {
    return new s3deploy.BucketDeployment(this, 'Page', {
      sources: [s3deploy.Source.asset(this.props.pageDirectory, { exclude: ['tsconfig.json'] }), s3deploy.Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
  }
}
